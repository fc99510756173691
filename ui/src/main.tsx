import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App, createQueryClient } from "./App";
import "./styles.css";

// The router lives under /ui; anything else (the daemon may serve the app at "/") starts at /ui/,
// from where the app redirects to the cluster links page of the current mode
if (window.location.pathname !== "/ui" && !window.location.pathname.startsWith("/ui/")) {
  window.history.replaceState(null, "", "/ui/");
}

const root = document.getElementById("root");
if (!root) {
  throw new Error("No #root element");
}
createRoot(root).render(
  <StrictMode>
    <App queryClient={createQueryClient()} />
  </StrictMode>,
);
