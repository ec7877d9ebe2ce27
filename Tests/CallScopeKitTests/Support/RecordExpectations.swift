import Testing

@testable import CallScopeKit

/// Compares every field of two records separately, so a failure names the field.
func expectSameFields(
    _ actual: CallRecord, _ expected: CallRecord, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.account == expected.account, "account", sourceLocation: sourceLocation)
    #expect(actual.provider == expected.provider, "provider", sourceLocation: sourceLocation)
    #expect(actual.id == expected.id, "id", sourceLocation: sourceLocation)
    #expect(actual.direction == expected.direction, "direction", sourceLocation: sourceLocation)
    #expect(actual.from == expected.from, "from", sourceLocation: sourceLocation)
    #expect(actual.to == expected.to, "to", sourceLocation: sourceLocation)
    #expect(actual.agent == expected.agent, "agent", sourceLocation: sourceLocation)
    #expect(actual.agentName == expected.agentName, "agent_name", sourceLocation: sourceLocation)
    #expect(actual.customerName == expected.customerName, "customer_name", sourceLocation: sourceLocation)
    #expect(actual.startedAt == expected.startedAt, "started_at", sourceLocation: sourceLocation)
    #expect(actual.answeredAt == expected.answeredAt, "answered_at", sourceLocation: sourceLocation)
    #expect(actual.endedAt == expected.endedAt, "ended_at", sourceLocation: sourceLocation)
    #expect(actual.waitSeconds == expected.waitSeconds, "wait_seconds", sourceLocation: sourceLocation)
    #expect(actual.talkSeconds == expected.talkSeconds, "talk_seconds", sourceLocation: sourceLocation)
    #expect(actual.holdSeconds == expected.holdSeconds, "hold_seconds", sourceLocation: sourceLocation)
    #expect(actual.durationSeconds == expected.durationSeconds, "duration_seconds", sourceLocation: sourceLocation)
    #expect(actual.disposition == expected.disposition, "disposition", sourceLocation: sourceLocation)
    #expect(actual.providerStatus == expected.providerStatus, "provider_status", sourceLocation: sourceLocation)
    #expect(actual.recordingURL == expected.recordingURL, "recording_url", sourceLocation: sourceLocation)
    #expect(actual.cost == expected.cost, "cost", sourceLocation: sourceLocation)
    #expect(actual.campaign == expected.campaign, "campaign", sourceLocation: sourceLocation)
    #expect(actual.tags == expected.tags, "tags", sourceLocation: sourceLocation)
    #expect(actual.note == expected.note, "note", sourceLocation: sourceLocation)
    #expect(actual.annotationSource == expected.annotationSource, "annotation_source", sourceLocation: sourceLocation)
    #expect(actual.raw == expected.raw, "raw", sourceLocation: sourceLocation)
}

extension MappedCall {
    /// The warnings' field paths, for compact expectations.
    var warningFields: [String] { warnings.map(\.field) }
}
