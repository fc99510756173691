import { Outlet } from "react-router";

/** The pages an untrusted browser can see: no navigation, only how to become trusted. */
export function LoginLayout() {
  return (
    <div className="app">
      <header className="app-header">
        <span className="brand">jxd</span>
      </header>
      <main className="app-main login-main">
        <Outlet />
      </main>
    </div>
  );
}
