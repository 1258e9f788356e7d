/** The closed sets of values a Sentinel rule file may use, as the template validator and ARM define them. */
import type { TriggerOperator } from '../rules/trigger.js';

export const SEVERITIES = ['Informational', 'Low', 'Medium', 'High'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** MITRE ATT&CK tactics as Sentinel spells them (no spaces); PreAttack is the older ARM value. */
export const TACTICS = [
  'Reconnaissance', 'ResourceDevelopment', 'InitialAccess', 'Execution', 'Persistence', 'PrivilegeEscalation',
  'DefenseEvasion', 'CredentialAccess', 'Discovery', 'LateralMovement', 'Collection', 'Exfiltration',
  'CommandAndControl', 'Impact', 'ImpairProcessControl', 'InhibitResponseFunction', 'PreAttack',
] as const;

/** T1046, or a sub-technique such as T1078.004. */
export const TECHNIQUE = /^T\d{4}(\.\d{3})?$/;

/** Template short forms and the ARM long forms, both accepted (case-insensitively). */
export const TRIGGER_OPERATORS: Record<string, TriggerOperator> = {
  gt: 'gt', greaterthan: 'gt',
  lt: 'lt', lessthan: 'lt',
  eq: 'eq', equal: 'eq',
  ne: 'ne', notequal: 'ne',
};

export const AGGREGATION_KINDS = ['SingleAlert', 'AlertPerResult'] as const;
export type AggregationKind = (typeof AGGREGATION_KINDS)[number];

export const RULE_KINDS = ['Scheduled', 'NRT'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** alertDetailsOverride.alertDynamicProperties[].alertProperty (ARM enum). */
export const DYNAMIC_ALERT_PROPERTIES = [
  'AlertLink', 'ConfidenceLevel', 'ConfidenceScore', 'ExtendedLinks', 'ProductName', 'ProviderName',
  'ProductComponentName', 'RemediationSteps', 'Techniques',
] as const;

/** Account entities mapped by Name with one of these values are dropped (entities reference). */
export const RESERVED_ACCOUNT_NAMES = new Set([
  'ADMIN', 'ADMINISTRATOR', 'SYSTEM', 'ROOT', 'ANONYMOUS', 'AUTHENTICATED USER', 'NETWORK', 'NULL',
  'LOCAL SYSTEM', 'LOCALSYSTEM', 'NETWORK SERVICE',
]);

/** Case-insensitive lookup of a value in a closed set, returning its canonical spelling. */
export function canonical<T extends string>(values: readonly T[], text: string): T | undefined {
  const lower = text.toLowerCase();
  return values.find((v) => v.toLowerCase() === lower);
}

/** Every top-level key a template or exported rule may carry; anything else is likely a typo. */
export const KNOWN_RULE_KEYS = new Set([
  'id', 'name', 'displayName', 'description', 'severity', 'kind', 'status', 'requiredDataConnectors', 'queryFrequency',
  'queryPeriod', 'triggerOperator', 'triggerThreshold', 'tactics', 'relevantTechniques', 'techniques', 'subTechniques',
  'query', 'entityMappings', 'customDetails', 'alertDetailsOverride', 'eventGroupingSettings', 'incidentConfiguration',
  'suppressionEnabled', 'suppressionDuration', 'version', 'tags', 'metadata', 'sentinelEntitiesMappings', 'enabled',
  'templateVersion', 'alertRuleTemplateName', 'startTimeUtc',
]);
