import type { ReactNode } from 'react';

interface Props {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  testId?: string;
  tone?: 'default' | 'warning';
}

/** A headline figure with its label, as on the dashboard. */
export function StatCard({ label, value, detail, testId, tone = 'default' }: Props) {
  return (
    <div className={`stat card stat--${tone}`}>
      <p className="stat__label">{label}</p>
      <p className="stat__value" data-testid={testId}>
        {value}
      </p>
      {detail && <p className="stat__detail">{detail}</p>}
    </div>
  );
}
