import { useAppData } from "../../app/AppData";
import { useClusterMembers } from "../../app/queries";
import { EmptyState, ErrorAlert, Loading } from "../../components/States";
import { DataTable } from "../../components/Table";
import { usePageTitle } from "../usePageTitle";
import { StatusBadge } from "../../components/StatusBadge";

/** The members of this cluster, from `GET /1.0/cluster/members?recursion=1`. */
export function MembersPage() {
  usePageTitle("Cluster members");
  const { clustered } = useAppData();
  const members = useClusterMembers(clustered);

  let content;
  if (!clustered) {
    content = (
      <EmptyState heading="This server is not clustered">
        <p>Cluster links work on single servers too: see the Server page.</p>
      </EmptyState>
    );
  } else if (members.isPending) {
    content = <Loading text="Loading cluster members..." />;
  } else if (members.isError) {
    content = <ErrorAlert title="Loading cluster members failed" error={members.error} />;
  } else if (members.data.length === 0) {
    content = <EmptyState heading="No cluster members found" />;
  } else {
    content = (
      <DataTable label="Cluster members" columns={["Name", "URL", "Roles", "Status", "Message"]}>
        {[...members.data]
          .sort((left, right) => left.server_name.localeCompare(right.server_name))
          .map((member) => (
            <tr key={member.server_name}>
              <th scope="row">{member.server_name}</th>
              <td>{member.url}</td>
              <td>{member.roles?.length ? member.roles.join(", ") : "-"}</td>
              <td>
                <StatusBadge status={member.status} />
              </td>
              <td>{member.message || "-"}</td>
            </tr>
          ))}
      </DataTable>
    );
  }

  return (
    <>
      <h1>Cluster members</h1>
      {content}
    </>
  );
}
