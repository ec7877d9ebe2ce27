import Foundation

/// ICSOC autocall CDRs (icsoc-autocall-cdr.zh.md): records of `/api/v1/cdr/search` (camelCase,
/// numbers as numbers) and the `data` of a CDR push (snake_case, numbers as strings). One
/// mapping reads both through `ICSOCFieldNames`. Predictive dialling: every call is outbound.
public enum ICSOCMapping {
    /// A `data.results[]` record of the search API.
    public static func map(_ raw: JSONValue, context: MappingContext) -> MappedCall {
        map(raw, context: context, names: .search)
    }

    /// The (decrypted) `data` object of a CDR push.
    public static func mapPush(_ raw: JSONValue, context: MappingContext) -> MappedCall {
        map(raw, context: context, names: .push)
    }

    private static func map(_ raw: JSONValue, context: MappingContext, names: ICSOCFieldNames) -> MappedCall {
        var reader = RecordReader(raw: raw, context: context)
        let id = reader.id([.key(names.callID)])
        let callResult = reader.string(at: [.key(names.callResult)])
        let disposition: Disposition =
            if let callResult { disposition(forCallResult: callResult, reader: &reader, names: names) } else { .unknown }

        let record = CallRecord(
            account: context.account,
            provider: .icsoc,
            id: id,
            direction: .outbound,
            from: reader.string(at: ["caller"]),
            to: reader.string(at: ["called"]),
            agent: reader.string(at: [.key(names.agentPhone)]),
            startedAt: reader.epoch(at: [.key(names.startTime)]),
            answeredAt: answerTime(&reader, names: names),
            endedAt: reader.epoch(at: [.key(names.endTime)]),
            talkSeconds: reader.duration(.key(names.linkSeconds)),
            durationSeconds: reader.duration(.key(names.allSeconds)),
            disposition: disposition,
            providerStatus: ProviderStatus.joined(callResult, reader.string(at: [.key(names.endResult)])),
            recordingURL: names.recordFile.flatMap { reader.string(at: [.key($0)]) },
            campaign: campaign(&reader, names: names),
            annotationSource: .local,
            raw: raw
        )
        return reader.finish(record)
    }

    /// The search sample names it `ansTime`, the field table `answerTime`: the first present wins.
    private static func answerTime(_ reader: inout RecordReader, names: ICSOCFieldNames) -> Date? {
        for name in names.answerTime where reader.present([.key(name)]) != nil {
            return reader.epoch(at: [.key(name)])
        }
        return nil
    }

    /// `callresult` 2 both sides connected; 0 not connected, 1 customer answered but no agent.
    private static func disposition(
        forCallResult result: String, reader: inout RecordReader, names: ICSOCFieldNames
    ) -> Disposition {
        switch JSONValue.string(result).intValue {
        case 2?: return .answered
        case 0?, 1?: return .missed
        default:
            reader.unknownValue(.key(names.callResult), value: result)
            return .unknown
        }
    }

    /// `project/task` (`10008/13`), from the record's own ids where it has them (search), else
    /// from the user data's `proid`/`taskid` (push). Just the project when there is no task;
    /// nil without a project.
    private static func campaign(_ reader: inout RecordReader, names: ICSOCFieldNames) -> String? {
        let userData = userDataObject(&reader, names: names)
        let project = names.projectID.flatMap { reader.string(at: [.key($0)]) }
            ?? userData?["proid"]?.stringValue
        let task = names.taskID.flatMap { reader.string(at: [.key($0)]) }
            ?? userData?["taskid"]?.stringValue
        return ProviderStatus.joined(project, task)
    }

    /// The user data object; the push table types it as a string, so a string holding a JSON
    /// object is read too (any other string is custom data without ids).
    private static func userDataObject(_ reader: inout RecordReader, names: ICSOCFieldNames) -> JSONValue? {
        switch reader.present([.key(names.userData)]) {
        case .object(let members)?: return .object(members)
        case .string(let text)?:
            guard let parsed = try? JSONParser.parse(text), parsed.objectMembers != nil else { return nil }
            return parsed
        default: return nil
        }
    }
}
