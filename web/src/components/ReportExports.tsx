/**
 * The exports part of the Reportes page: "Exportaciones" and "Exportaciones programadas". Loads
 * the campaigns once for both (their names in the tables, the campaign picker of the forms) and
 * names sub-users from the page's user list; the forms start from the page's month and scope.
 */
import { createLoader } from "../lib/load";
import { api, type ExportOut, type UserOut } from "../lib/api";
import { can, me } from "../lib/session";
import { exportableCampaigns, exportWhat, scopeOptions, type ExportNames } from "../lib/exports";
import { monthOptions } from "../lib/reports";
import ExportsSection from "./ExportsSection";
import ExportSchedulesSection from "./ExportSchedulesSection";
import "../styles/exports.css";

export default function ReportExports(props: { month: string; userId: string; users: UserOut[] }) {
  const campaigns = createLoader(() => api.campaigns());
  const names: ExportNames = {
    campaign: (id) => campaigns.data()?.campaigns.find((c) => c.id === id)?.name ?? null,
    user: (id) => props.users.find((u) => u.id === id)?.name ?? (me()?.user.id === id ? me()!.user.name : null),
  };
  const what = (x: Pick<ExportOut, "kind" | "format" | "params">) => exportWhat(x, names);
  const defaults = () => ({ month: props.month, userId: props.userId });
  // Owner and admin pick the scope; anyone else only ever gets their own report.
  const scopes = () => (can("users.read") ? scopeOptions(props.users) : null);
  const options = () => exportableCampaigns(campaigns.data()?.campaigns ?? []);
  return (
    <>
      <ExportsSection what={what} defaults={defaults()} months={monthOptions(Date.now())} scopes={scopes()} campaigns={options()} />
      <ExportSchedulesSection what={what} defaults={defaults()} scopes={scopes()} campaigns={options()} />
    </>
  );
}
