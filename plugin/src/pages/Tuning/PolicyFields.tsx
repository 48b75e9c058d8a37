import React from 'react';
import { Field, FieldSet, Input, RadioButtonGroup } from '@grafana/ui';
import { FIELD_PATHS, type ForecastKind, type PolicyForm, type Strategy } from './policyTypes';

const STRATEGIES: Array<{ label: string; value: Strategy; description: string }> = [
  { label: 'Tiered (Shadowfleet)', value: 'tiered', description: 'capacity model, short-term forecast and shadow hosts' },
  { label: 'HPA', value: 'hpa', description: 'Kubernetes HPA rule on utilisation' },
  { label: 'Predictive', value: 'predictive', description: 'hourly peak of the last days' },
];

type NumberKey = Exclude<keyof PolicyForm, 'strategy' | 'forecast' | 'priorities'>;

const FORECASTS: Array<{ label: string; value: ForecastKind; description: string }> = [
  { label: 'Behaviour-aware', value: 'behaviour', description: 'the larger of the volume forecast and the next-action (behaviour) forecast' },
  { label: 'Volume only', value: 'volume', description: 'the request volume forecast alone' },
];

interface Props {
  form: PolicyForm;
  errors: Record<string, string>;
  profiles: Array<{ id: string; name: string }>;
  onChange: (form: PolicyForm) => void;
}

/** The policy's fields; errors are keyed by the exporter's field names ("bounds.maxHosts"). */
export function PolicyFields({ form, errors, profiles, onChange }: Props) {
  const numberField = (key: NumberKey, label: string, description: string) => (
    <Field label={label} description={description} invalid={Boolean(errors[FIELD_PATHS[key]])} error={errors[FIELD_PATHS[key]]}>
      <Input
        id={`policy-${key}`}
        aria-label={label}
        width={20}
        value={form[key]}
        onChange={(e) => onChange({ ...form, [key]: e.currentTarget.value })}
      />
    </Field>
  );
  return (
    <>
      <FieldSet label="Strategy">
        <Field label="Which strategy runs" invalid={Boolean(errors.strategy)} error={errors.strategy}>
          <RadioButtonGroup options={STRATEGIES} value={form.strategy} onChange={(v) => onChange({ ...form, strategy: v })} />
        </Field>
        <Field label="Forecast the predictive tier sizes for" invalid={Boolean(errors.forecast)} error={errors.forecast}>
          <RadioButtonGroup options={FORECASTS} value={form.forecast} onChange={(v) => onChange({ ...form, forecast: v })} />
        </Field>
      </FieldSet>
      <FieldSet label="Targets">
        {numberField('utilisation', 'Target utilisation', 'share of a host’s capacity to size for (0–1]')}
        {numberField('servingQuantile', 'Serving quantile', 'forecast quantile the reactive and predictive tiers keep serving hosts for')}
        {numberField('surgeQuantile', 'Surge quantile', 'forecast quantile the shadow tier keeps standby hosts for')}
      </FieldSet>
      <FieldSet label="Bounds">
        {numberField('minHosts', 'Minimum hosts', 'never fewer serving hosts')}
        {numberField('maxHosts', 'Maximum hosts', 'never more serving, booting or activating hosts')}
      </FieldSet>
      <FieldSet label="Cooldowns (minutes)">
        {numberField('scaleUpMinutes', 'Scale-up cooldown', 'minutes between cold launches')}
        {numberField('scaleDownMinutes', 'Scale-down cooldown', 'minutes after a scale-up before hosts may be removed')}
      </FieldSet>
      <FieldSet label="Priority per profile (0 shed first … 10 protect most; empty = 5)">
        <p>
          Acts at the load balancer: HAProxy serves the queued requests of higher-priority profiles first (a user&apos;s
          class is 10 − priority in the exporter&apos;s priority map). It orders the queue only: with no queue there is
          nothing to reorder, and it adds no capacity. Not simulated in the preview.
        </p>
        {profiles.length === 0 ? <p>No profiles from the exporter yet.</p> : null}
        {profiles.map((p) => (
          <Field key={p.id} label={p.name} invalid={Boolean(errors[`profilePriorities.${p.id}`])} error={errors[`profilePriorities.${p.id}`]}>
            <Input
              aria-label={`Priority of ${p.name}`}
              width={10}
              value={form.priorities[p.id] ?? ''}
              placeholder="5"
              onChange={(e) => onChange({ ...form, priorities: { ...form.priorities, [p.id]: e.currentTarget.value } })}
            />
          </Field>
        ))}
      </FieldSet>
    </>
  );
}
