/**
 * The built-in Cortex dataset schemas: the NGFW datasets and xdr_data, with `_time` the time field.
 * Palo Alto publishes no per-dataset schema page; the field names are those of the Strata Logging
 * Service log reference and of real queries over these datasets, with their types as the queries use
 * them (ports and counters integers, addresses and enum names strings, arrays dynamic). XQL has one
 * integer type, kept as long. A dataset without a built-in schema takes its types from its file.
 *
 * Each entry is `name:type` pairs, as compact text, split the first time the dataset is looked up.
 */
import type { ColumnSchema } from '../table/table.js';
import { parseTypeName } from '../types/scalar-type.js';

/** The system fields every dataset has. */
const SYSTEM = '_time:datetime,_insert_time:datetime,_vendor:string,_product:string,_id:string,_tag:dynamic';

/** Fields common to the panw_ngfw_*_raw datasets. */
const NGFW = [
  'log_type:string,sub_type:string,device_name:string,vsys:string,log_source_id:string,log_source_name:string',
  'source_ip:string,source_port:long,dest_ip:string,dest_port:long,nat_source:string,nat_dest:string,nat_source_port:long,nat_dest_port:long,is_nat:bool',
  'protocol:string,app:string,app_category:string,app_sub_category:string,risk_of_app:long,tunneled_app:string,container_of_app:string,is_saas_app:bool',
  'action:string,from_zone:string,to_zone:string,rule_matched:string,rule_matched_uuid:string,session_id:long,parent_session_id:long,repeat_count:long',
  'source_user:string,dest_user:string,users:string,source_location:string,dest_location:string',
  'inbound_if:string,outbound_if:string,is_decrypted:bool,is_encrypted:bool',
].join(',');

const DATASETS: Record<string, string> = {
  panw_ngfw_traffic_raw: [
    SYSTEM, NGFW,
    'bytes_total:long,bytes_sent:long,bytes_received:long,packets_total:long,packets_sent:long,packets_received:long',
    'session_end_reason:string,session_duration:long',
  ].join(','),
  panw_ngfw_threat_raw: [
    SYSTEM, NGFW,
    'threat_id:long,threat_name:string,threat_category:string,severity:string,direction_of_attack:string',
    'file_name:string,file_sha_256:string,url_domain:string,uri:string',
  ].join(','),
  panw_ngfw_url_raw: [
    SYSTEM, NGFW,
    'url_domain:string,uri:string,url_category_list:dynamic,http_method:string,user_agent:string,referer:string,content_type:string,http_headers:string,severity:string',
  ].join(','),
  xdr_data: [
    SYSTEM,
    'event_id:string,event_type:string,event_sub_type:string,agent_id:string,agent_hostname:string,agent_ip_addresses:dynamic,agent_os_type:string,agent_interface_map:dynamic',
    'action_local_ip:string,action_local_port:long,action_remote_ip:string,action_remote_port:long,action_external_hostname:string,action_external_port:long',
    'dst_action_external_hostname:string,dst_agent_hostname:string,action_network_protocol:string,action_network_is_server:bool,action_network_success:bool',
    'action_network_is_ipv6:bool,action_network_connection_id:string,action_total_upload:long,action_total_download:long,action_pkts_sent:long,action_pkts_received:long',
    'action_session_duration:long,action_network_stats_is_last:bool,action_proxy:bool,action_nat:bool,is_internal_ip:bool,dst_is_internal_ip:bool',
    'action_app_id_transitions:dynamic,dns_query_name:string,dns_reply_code:string,dst_action_url_category:string,action_user_agent:string,http_referer:string',
    'action_location:dynamic,dst_action_location:dynamic,action_country:string,story_id:string,story_publish_timestamp:long,dfe_labels:dynamic',
    'actor_process_image_name:string,actor_process_image_path:string,actor_process_command_line:string,actor_effective_username:string',
    'causality_actor_process_image_name:string,actor_process_os_pid:long,actor_primary_username:string',
    'action_file_name:string,action_file_path:string,action_file_sha256:string,action_process_image_name:string,action_process_image_command_line:string',
  ].join(','),
};

/** The time field of every Cortex dataset. */
export const TIME_FIELD = '_time';

const parsed = new Map<string, readonly ColumnSchema[]>();

function parseEntry(name: string, text: string): readonly ColumnSchema[] {
  const seen = new Set<string>();
  return text.split(',').map((part) => {
    const [col, typeName] = part.split(':');
    const type = parseTypeName(typeName ?? '');
    if (!col || type === undefined || seen.has(col)) throw new Error(`cortex dataset ${name}: bad field '${part}'`);
    seen.add(col);
    return Object.freeze({ name: col, type });
  });
}

/** The fields of a built-in Cortex dataset, or undefined. Dataset names are matched as written. */
export function cortexSchema(name: string): ColumnSchema[] | undefined {
  if (!Object.hasOwn(DATASETS, name)) return undefined;
  let cols = parsed.get(name);
  if (cols === undefined) {
    cols = Object.freeze(parseEntry(name, DATASETS[name]!));
    parsed.set(name, cols);
  }
  return cols.slice();
}

export function cortexDatasetNames(): string[] {
  return Object.keys(DATASETS);
}
