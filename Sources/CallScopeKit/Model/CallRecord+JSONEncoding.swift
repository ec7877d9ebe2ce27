/// The record's JSON form (`--format ndjson|json`, `callscope call`): the spec's field names in
/// the spec's order, `null` for absent values, times as RFC 3339 UTC without fractions.
extension CallRecord {
    /// The JSON field names in output order; `raw` comes last and only when asked for.
    public static let jsonFieldNames: [String] = [
        "account", "provider", "id", "direction", "from", "to", "agent", "agent_name", "customer_name",
        "started_at", "answered_at", "ended_at", "wait_seconds", "talk_seconds", "hold_seconds",
        "duration_seconds", "disposition", "provider_status", "recording_url", "cost", "campaign",
        "tags", "note", "annotation_source", "raw",
    ]

    /// Writes the record as one JSON object into `writer` (so many records can share one buffer).
    public func write(to writer: inout JSONWriter, includeRaw: Bool) {
        writer.beginObject()
        writer.key("account")
        writer.string(account)
        writer.key("provider")
        writer.string(provider.rawValue)
        writer.key("id")
        writer.string(id)
        writer.key("direction")
        writer.string(direction.rawValue)
        writer.key("from")
        writer.string(from)
        writer.key("to")
        writer.string(to)
        writer.key("agent")
        writer.string(agent)
        writer.key("agent_name")
        writer.string(agentName)
        writer.key("customer_name")
        writer.string(customerName)
        writer.key("started_at")
        writer.date(startedAt)
        writer.key("answered_at")
        writer.date(answeredAt)
        writer.key("ended_at")
        writer.date(endedAt)
        writer.key("wait_seconds")
        writer.int(waitSeconds)
        writer.key("talk_seconds")
        writer.int(talkSeconds)
        writer.key("hold_seconds")
        writer.int(holdSeconds)
        writer.key("duration_seconds")
        writer.int(durationSeconds)
        writer.key("disposition")
        writer.string(disposition.rawValue)
        writer.key("provider_status")
        writer.string(providerStatus)
        writer.key("recording_url")
        writer.string(recordingURL)
        writer.key("cost")
        writer.double(cost)
        writer.key("campaign")
        writer.string(campaign)
        writer.key("tags")
        writer.beginArray()
        for tag in tags { writer.string(tag) }
        writer.endArray()
        writer.key("note")
        writer.string(note)
        writer.key("annotation_source")
        writer.string(annotationSource.rawValue)
        if includeRaw {
            writer.key("raw")
            writer.value(raw)
        }
        writer.endObject()
    }

    /// The record as JSON text: compact (one ndjson line, no newline) or pretty.
    public func jsonText(includeRaw: Bool = false, pretty: Bool = false) -> String {
        var writer = JSONWriter(pretty: pretty)
        write(to: &writer, includeRaw: includeRaw)
        return writer.text
    }
}
