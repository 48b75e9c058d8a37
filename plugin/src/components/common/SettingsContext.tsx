import React, { createContext, useContext } from 'react';
import { DEFAULT_PROMETHEUS_UID, type AppSettings } from '../../api/settings';

const SettingsContext = createContext<AppSettings>({});

export const SettingsProvider = ({ value, children }: { value: AppSettings; children: React.ReactNode }) => (
  <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>
);

/** The app's jsonData, with the Prometheus datasource uid defaulted to the provisioned one. */
export function useSettings(): Required<Pick<AppSettings, 'prometheusUid'>> & AppSettings {
  const s = useContext(SettingsContext);
  return { ...s, prometheusUid: s.prometheusUid || DEFAULT_PROMETHEUS_UID };
}
