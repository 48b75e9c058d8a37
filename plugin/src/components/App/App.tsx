import React from 'react';
import { Route, Routes } from 'react-router-dom';
import type { AppRootProps } from '@grafana/data';
import { ROUTES } from '../../constants';
import type { AppSettings } from '../../api/settings';
import { SettingsProvider } from '../common/SettingsContext';
import { RequireRole } from '../common/RequireRole';
const Overview = React.lazy(() => import('../../pages/Overview'));
const Profiles = React.lazy(() => import('../../pages/Profiles'));
const Forecasts = React.lazy(() => import('../../pages/Forecasts'));
const ShadowFleet = React.lazy(() => import('../../pages/ShadowFleet'));
const Tuning = React.lazy(() => import('../../pages/Tuning/Tuning'));
const Experiments = React.lazy(() => import('../../pages/Experiments'));

function App(props: AppRootProps<AppSettings>) {
  return (
    <SettingsProvider value={props.meta.jsonData ?? {}}>
      <Routes>
        <Route path={ROUTES.Profiles} element={<Profiles />} />
        <Route path={ROUTES.Forecasts} element={<Forecasts />} />
        <Route path={ROUTES.ShadowFleet} element={<ShadowFleet />} />
        {/* Guarded here, not only hidden from the nav: a Viewer who types the URL gets an explanation. */}
        <Route path={ROUTES.Tuning} element={<RequireRole role="Editor" page="Tuning"><Tuning /></RequireRole>} />
        <Route path={ROUTES.Experiments} element={<Experiments />} />
        {/* Default page */}
        <Route path="*" element={<Overview />} />
      </Routes>
    </SettingsProvider>
  );
}

export default App;
