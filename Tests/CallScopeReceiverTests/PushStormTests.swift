import CallScopeKit
import Foundation
import PropertyBased
import Testing
@testable import CallScopeReceiver

/// 10,000 genuinely signed pushes, plain and encrypted, with any values at all in their fields
/// (text with control characters, numbers of any size, sign and fraction, the wrong types), sent
/// over HTTP 50 at a time: the receiver answers every one, acknowledges exactly those whose call
/// id can be stored, and every acknowledged call is in the store afterwards.
@Suite("push storm") struct PushStormTests {
    static let fields = ["start_time", "end_time", "ans_time", "answer_time", "link_secs", "all_secs", "callresult", "endresult",
                         "caller", "called", "trans_phone", "record_file", "user_data"]

    /// Text with control characters (C0, DEL, C1) among others.
    static let text = Gen.unicodeScalar(in: "\u{0}"..."\u{2FF}").array(of: 0...12).map { String(String.UnicodeScalarView($0)) }

    /// A valid JSON number of any magnitude: `-0.5`, `9223372036854775808`, `17e-400`, `1e300`.
    static let numberText = zip(Gen.bool, Gen.number.string(of: 1...22), Gen.number.string(of: 0...6), Gen.bool, Gen<Int>.value(in: -400...400))
        .map { negative, digits, fraction, scaled, exponent -> String in
            let integer = String(digits.drop { $0 == "0" })
            return (negative ? "-" : "") + (integer.isEmpty ? "0" : integer) + (fraction.isEmpty ? "" : "." + fraction) + (scaled ? "e\(exponent)" : "")
        }

    static let specials = ["NaN", "inf", "-inf", "1e300", "-1e300", "9e18", "99999999999:00:00", "-00:00:01", "24:00:00", "0", "", " "]

    static let value = Gen<JSONValue>.oneOf(
        numberText.map { JSONValue.number($0) },
        numberText.map { JSONValue.string($0) },
        text.map { JSONValue.string($0) },
        Gen.element(of: specials).map { JSONValue.string($0 ?? "") },
        Gen.bool.map { JSONValue.bool($0) },
        Gen.always(JSONValue.null),
        numberText.array(of: 0...3).map { JSONValue.array($0.map(JSONValue.number)) },
        text.map { JSONValue.object([JSONMember("proid", .string($0))]) }
    )

    /// A call id as ICSOC sends it (digits), as a number of any form, or any text (never empty
    /// or blank, which the signature check refuses as missing; possibly with control characters).
    static let callID = Gen<JSONValue>.oneOf(
        Gen<UInt64>.value(in: 1...UInt64.max).map { JSONValue.string(String($0)) },
        numberText.map { JSONValue.number($0) },
        text.map { JSONValue.string("c" + $0) }
    )

    static let push = zip(callID, zip(Gen.element(of: fields).map { $0 ?? "caller" }, value).array(of: 0...14), Gen.bool)
        .map { id, members, encrypt in
            (data: JSONValue.object([JSONMember("call_id", id)] + members.map { JSONMember($0.0, $0.1) }), encrypt: encrypt)
        }

    @Test func tenThousandRandomPushesAreAnsweredAndEveryAcknowledgedOneIsStored() async throws {
        let bench = try ReceiverBench()
        let running = try await bench.receiver().start()
        let acknowledged = Locked<Set<String>>([])
        let sent = Locked(0)
        await propertyCheck(count: 200, input: Self.push.array(of: 50)) { batch in
            let answers = await withTaskGroup(of: (String, Int, String)?.self) { group in
                for push in batch {
                    group.addTask {
                        let id = push.data["call_id"]?.stringValue ?? ""
                        guard let body = try? PushPropertyTests.body(push.data, encrypt: push.encrypt),
                              let answer = try? await post(body, to: running.url) else { return nil }
                        return (id, answer.status, answer.text)
                    }
                }
                return await group.reduce(into: [(String, Int, String)?]()) { $0.append($1) }
            }
            for answer in answers {
                guard let (id, status, text) = answer else { Issue.record("a push was not answered"); continue }
                if CallRecord.isAcceptableCallID(id) {
                    #expect(status == 200 && text == #"{"code":0}"#, "\(id.debugDescription): \(status) \(text)")
                    if status == 200 { acknowledged.withLock { _ = $0.insert(id) } }
                } else {
                    #expect(status == 400 && code(text).map { $0 != 0 } == true, "\(id.debugDescription): \(status) \(text)")
                }
            }
            sent.withLock { $0 += batch.count }
        }
        #expect(sent.withLock { $0 } == 10_000)
        let ids = acknowledged.withLock { $0 }
        #expect(try await bench.storedCount() == ids.count)
        for id in ids { #expect(try await bench.stored(id) != nil, "acknowledged \(id.debugDescription) but not readable") }
        #expect(bench.logs.withLock { $0 }.allSatisfy { !$0.contains(pushSecret) })
        await running.stop()
    }
}
