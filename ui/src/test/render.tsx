import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter } from "react-router";
import { buildAppData, AppDataProvider } from "../app/AppData";
import { NotificationsProvider } from "../app/Notifications";
import type { IdentityInfo, Permission, ServerInfo } from "../api/types";

export const SERVER: ServerInfo = {
  api_extensions: ["cluster_links"],
  api_status: "stable",
  api_version: "1.0",
  auth: "trusted",
  config: {},
  auth_user_name: "abc123",
  auth_user_method: "tls",
  environment: { server_clustered: false, server_name: "alpha" },
};

/** A fine-grained caller holding exactly `serverEntitlements` on the server. */
export function fineGrainedIdentity(serverEntitlements: string[]): IdentityInfo {
  const permissions: Permission[] = serverEntitlements.map((entitlement) => ({ entity_type: "server", url: "/1.0", entitlement }));
  return {
    authentication_method: "tls",
    type: "Client certificate",
    id: "abc123",
    name: "operator",
    groups: ["ops"],
    effective_groups: ["ops"],
    effective_permissions: permissions,
    fine_grained: true,
  };
}

export function renderWithApp(ui: ReactElement, options: { server?: ServerInfo; identity?: IdentityInfo; route?: string } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const appData = buildAppData(options.server ?? SERVER, options.identity);
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[options.route ?? "/"]}>
        <AppDataProvider value={appData}>
          <NotificationsProvider>{ui}</NotificationsProvider>
        </AppDataProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}
