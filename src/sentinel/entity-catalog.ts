/**
 * Entity types a rule may map, with their allowed identifiers, the identifier sets of which at
 * least one must be mapped (and, at run time, filled) for an entity to exist, and the `Type` string
 * the entity carries in an alert.
 */

export interface EntityTypeInfo {
  readonly identifiers: readonly string[];
  /** Alternatives: any one inner set fully present is enough. */
  readonly required: readonly (readonly string[])[];
  readonly alertType: string;
}

const T = (identifiers: string, required: string, alertType: string): EntityTypeInfo => ({
  identifiers: identifiers.split(' '),
  required: required.split(' ').map((alt) => alt.split('+')),
  alertType,
});

export const ENTITY_TYPES: Readonly<Record<string, EntityTypeInfo>> = {
  Account: T('Name FullName NTDomain DnsDomain UPNSuffix Sid AadTenantId AadUserId PUID IsDomainJoined DisplayName ObjectGuid CloudAppAccountId', 'FullName Sid Name AadUserId PUID ObjectGuid', 'account'),
  AzureResource: T('ResourceId', 'ResourceId', 'azure-resource'),
  CloudApplication: T('AppId Name InstanceName', 'AppId Name', 'cloud-application'),
  DNS: T('DomainName', 'DomainName', 'dns'),
  File: T('Directory Name', 'Name', 'file'),
  FileHash: T('Algorithm Value', 'Algorithm+Value', 'filehash'),
  Host: T('DnsDomain NTDomain HostName FullName NetBiosName AzureID OMSAgentID OSFamily OSVersion IsDomainJoined', 'FullName HostName NetBiosName AzureID OMSAgentID', 'host'),
  IoTDevice: T('DeviceId DeviceName Manufacturer Model FirmwareVersion OperatingSystem MacAddress Protocols SerialNumber Source IoTSecurityAgentId DeviceType', 'DeviceId', 'iotdevice'),
  IP: T('Address', 'Address', 'ip'),
  Mailbox: T('MailboxPrimaryAddress DisplayName Upn ExternalDirectoryObjectId RiskLevel', 'MailboxPrimaryAddress', 'mailbox'),
  MailCluster: T('NetworkMessageIds CountByDeliveryStatus CountByThreatType CountByProtectionStatus Threats Query QueryTime MailCount IsVolumeAnomaly Source ClusterSourceIdentifier ClusterSourceType ClusterQueryStartTime ClusterQueryEndTime ClusterGroup', 'Query Source', 'mail-cluster'),
  MailMessage: T('Recipient Urls Threats Sender P1Sender P1SenderDisplayName P1SenderDomain SenderIP P2Sender P2SenderDisplayName P2SenderDomain ReceivedDate NetworkMessageId InternetMessageId Subject BodyFingerprintBin1 BodyFingerprintBin2 BodyFingerprintBin3 BodyFingerprintBin4 BodyFingerprintBin5 AntispamDirection DeliveryAction DeliveryLocation Language ThreatDetectionMethods', 'NetworkMessageId Recipient', 'mail-message'),
  Malware: T('Name Category', 'Name', 'malware'),
  Process: T('ProcessId CommandLine ElevationToken CreationTimeUtc', 'CommandLine ProcessId', 'process'),
  RegistryKey: T('Hive Key', 'Key Hive', 'registry-key'),
  RegistryValue: T('Name Value ValueType', 'Name', 'registry-value'),
  SecurityGroup: T('DistinguishedName SID ObjectGuid', 'DistinguishedName SID ObjectGuid', 'security-group'),
  // The entities reference gives no alert Type for SubmissionMail; this spelling follows the others.
  SubmissionMail: T('NetworkMessageId Timestamp Recipient Sender SenderIp Subject ReportType SubmissionId SubmissionDate Submitter', 'SubmissionId NetworkMessageId Recipient Submitter', 'submission-mail'),
  URL: T('Url', 'Url', 'url'),
};

export const ENTITY_TYPE_NAMES = Object.keys(ENTITY_TYPES);

/** The required sets written out for a message: `FullName; Sid; Name` or `Algorithm+Value`. */
export function requiredText(info: EntityTypeInfo): string {
  return info.required.map((alt) => alt.join('+')).join('; ');
}
