import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { BrowserRouter, Link, Navigate, Route, Routes } from "react-router";
import { ApiError } from "./api/client";
import { linksHome, useAppData } from "./app/AppData";
import { Shell } from "./app/Shell";
import { ClusterLinkDetailPage } from "./pages/links/ClusterLinkDetailPage";
import { ClusterLinksPage } from "./pages/links/ClusterLinksPage";
import { CertificateAddPage } from "./pages/login/CertificateAddPage";
import { CertificateGeneratePage } from "./pages/login/CertificateGeneratePage";
import { LoginLayout } from "./pages/login/LoginLayout";
import { LoginPage } from "./pages/login/LoginPage";
import { GroupsPage } from "./pages/permissions/GroupsPage";
import { IdentitiesPage } from "./pages/permissions/IdentitiesPage";
import { MembersPage } from "./pages/server/MembersPage";
import { ServerPage } from "./pages/server/ServerPage";
import { SettingsPage } from "./pages/settings/SettingsPage";
import { usePageTitle } from "./pages/usePageTitle";

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not change by asking again (404 names, 403 permissions); network and 5xx errors might
        retry: (failureCount, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
        refetchOnWindowFocus: false,
        staleTime: 5_000,
      },
    },
  });
}

function HomeRedirect() {
  const { clustered } = useAppData();
  return <Navigate to={linksHome(clustered)} replace />;
}

function NotFoundPage() {
  usePageTitle("Not found");
  const { clustered } = useAppData();
  return (
    <>
      <h1>Page not found</h1>
      <p>
        There is nothing at this address. Go to <Link to={linksHome(clustered)}>cluster links</Link>.
      </p>
    </>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="login" element={<LoginLayout />}>
        <Route index element={<LoginPage />} />
        <Route path="certificate-generate" element={<CertificateGeneratePage />} />
        <Route path="certificate-add" element={<CertificateAddPage />} />
      </Route>
      <Route element={<Shell />}>
        <Route index element={<HomeRedirect />} />
        <Route path="server" element={<ServerPage tab="overview" />} />
        <Route path="server/cluster-links" element={<ServerPage tab="cluster-links" />} />
        <Route path="cluster/members" element={<MembersPage />} />
        <Route path="cluster/links" element={<ClusterLinksPage />} />
        <Route path="cluster/links/:name" element={<ClusterLinkDetailPage />} />
        <Route path="permissions/groups" element={<GroupsPage />} />
        <Route path="permissions/identities" element={<IdentitiesPage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter basename="/ui">
        <AppRoutes />
      </BrowserRouter>
    </QueryClientProvider>
  );
}
