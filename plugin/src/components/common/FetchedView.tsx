import React from 'react';
import { Alert, LoadingPlaceholder } from '@grafana/ui';
import type { Fetched } from '../../api/exporter';

interface Props<T> {
  /** What is being loaded, e.g. "GET /v1/decisions" — named in the unavailable and error states. */
  what: string;
  result: Fetched<T> | undefined;
  children: (data: T) => React.ReactNode;
}

/**
 * Loading, "not available from this exporter yet", error, or the data. Never shows made-up data:
 * when the exporter has no such endpoint the user is told so.
 */
export function FetchedView<T>({ what, result, children }: Props<T>) {
  if (!result) {
    return <LoadingPlaceholder text={`Loading ${what}…`} />;
  }
  if (result.kind === 'unavailable') {
    return (
      <Alert severity="info" title="Not available from this exporter yet">
        {what} answered {result.status}: this exporter version does not provide it yet.
      </Alert>
    );
  }
  if (result.kind === 'error') {
    return (
      <Alert severity="error" title={`Could not load ${what}`}>
        {result.message}
      </Alert>
    );
  }
  return <>{children(result.data)}</>;
}
