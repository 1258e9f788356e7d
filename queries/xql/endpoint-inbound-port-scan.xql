// Endpoint inbound port scan (xdr-inbound-portscan-v1): a remote address that reaches 20 or more
// distinct local ports of one agent host within any 5 minutes. It answers Cortex XDR seed 002: a host
// without the agent scans a host that has one, and there are no firewall logs, so the scanned agent's
// own inbound network events are the evidence.
//
// The window slides: for every qualifying event at time T, the pair's events with
// T - 5 min <= _time <= T are counted, so a scan that straddles a clock boundary is not split in two
// as `bin _time span = 5m` buckets would split it. windowcomp's aggregates cannot count DISTINCT
// values over a sliding frame, so the window is built with a documented join instead: each event of
// a pair is joined with the pair's events of the 5 minutes up to it, and comp counts their distinct
// ports. Only pairs with 20 distinct ports in all their events can reach 20 in a window; the first
// join keeps just those, which keeps the self-join small.
config case_sensitive = true
| dataset = xdr_data
| filter event_type = ENUM.NETWORK and action_network_is_server = true
    and action_remote_ip != null and action_local_port != null
    and not incidr(action_remote_ip, "127.0.0.0/8") and action_remote_ip != "::1"
    and not (agent_ip_addresses contains action_remote_ip)
| alter event_ms = to_epoch(_time, "MILLIS")
| fields agent_id, agent_hostname, action_remote_ip, action_local_port, event_ms

// totals over the pair's qualifying events, for pairs that could reach the threshold
| join type = inner (
    config case_sensitive = true
    | dataset = xdr_data
    | filter event_type = ENUM.NETWORK and action_network_is_server = true
        and action_remote_ip != null and action_local_port != null
        and not incidr(action_remote_ip, "127.0.0.0/8") and action_remote_ip != "::1"
        and not (agent_ip_addresses contains action_remote_ip)
    | comp count_distinct(action_local_port) as distinct_ports, count() as events by agent_id, action_remote_ip
    | filter distinct_ports >= 20
    | fields agent_id as t_agent_id, action_remote_ip as t_remote_ip, distinct_ports, events
  ) as totals totals.t_agent_id = agent_id and totals.t_remote_ip = action_remote_ip

// each event with the same pair's events of the 5 minutes up to it (both ends inclusive)
| join type = inner (
    config case_sensitive = true
    | dataset = xdr_data
    | filter event_type = ENUM.NETWORK and action_network_is_server = true
        and action_remote_ip != null and action_local_port != null
        and not incidr(action_remote_ip, "127.0.0.0/8") and action_remote_ip != "::1"
        and not (agent_ip_addresses contains action_remote_ip)
    | alter w_ms = to_epoch(_time, "MILLIS")
    | fields agent_id as w_agent_id, action_remote_ip as w_remote_ip, action_local_port as w_port, w_ms
  ) as w w.w_agent_id = agent_id and w.w_remote_ip = action_remote_ip
    and w.w_ms >= subtract(event_ms, 300000) and w.w_ms <= event_ms

| comp count_distinct(w_port) as ports_5m by agent_id, agent_hostname, action_remote_ip, event_ms, distinct_ports, events
| filter ports_5m >= 20
| comp min(event_ms) as first_alert_ms, max(ports_5m) as max_distinct_ports_5m
    by agent_id, agent_hostname, action_remote_ip, distinct_ports, events
| alter first_alert_time = to_timestamp(first_alert_ms, "MILLIS")
| fields agent_id, agent_hostname, action_remote_ip, first_alert_time, max_distinct_ports_5m, distinct_ports, events
| sort asc agent_id, asc action_remote_ip
