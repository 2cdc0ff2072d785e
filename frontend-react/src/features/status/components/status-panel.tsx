import { HealthCard } from './health-card';
import { VersionCard } from './version-card';

/** Health and version of the running service, each loaded and failing on its own. */
export function StatusPanel() {
  return (
    <div className="status-grid">
      <HealthCard />
      <VersionCard />
    </div>
  );
}
