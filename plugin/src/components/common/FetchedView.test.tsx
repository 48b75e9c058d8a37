import React from 'react';
import { render, screen } from '@testing-library/react';
import { FetchedView } from './FetchedView';

describe('FetchedView', () => {
  it('says an endpoint is not available instead of showing data', () => {
    render(
      <FetchedView what="GET /v1/decisions" result={{ kind: 'unavailable', status: 404, message: 'x' }}>
        {() => <p>data</p>}
      </FetchedView>
    );
    expect(screen.getByText('Not available from this exporter yet')).toBeInTheDocument();
    expect(screen.getByText(/GET \/v1\/decisions answered 404/)).toBeInTheDocument();
    expect(screen.queryByText('data')).toBeNull();
  });

  it('shows the error message, or the data', () => {
    const { rerender } = render(
      <FetchedView<string> what="GET /v1/profiles" result={{ kind: 'error', message: 'the exporter refused the token' }}>
        {(d) => <p>{d}</p>}
      </FetchedView>
    );
    expect(screen.getByText('the exporter refused the token')).toBeInTheDocument();
    rerender(
      <FetchedView<string> what="GET /v1/profiles" result={{ kind: 'ok', data: 'three profiles' }}>
        {(d) => <p>{d}</p>}
      </FetchedView>
    );
    expect(screen.getByText('three profiles')).toBeInTheDocument();
  });
});
