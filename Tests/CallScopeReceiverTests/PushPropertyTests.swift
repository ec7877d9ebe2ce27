import CallScopeKit
import Foundation
import PropertyBased
import Testing
@testable import CallScopeReceiver
@testable import CallScopeSandbox

/// The receiver's parse, verify and decrypt path on generated pushes, signed and encrypted by the
/// sandbox's own code (the sender's): a genuine push opens to exactly its record; any byte changed
/// is refused or opens to that same record, never to another; any bytes at all are a refusal.
@Suite("push receiver properties") struct PushPropertyTests {
    static let verifier = PushVerifier(secret: pushSecret)
    /// Other fields of a push (a second call_id would replace the first: lookups take the last).
    static let fields = ["caller", "called", "start_time", "end_time", "all_secs", "callresult", "endresult", "user_data", "record_file"]

    /// A push's `data`: a call id (a string of digits, or a number) and fields of any text.
    static let data = zip(
        Gen<UInt64>.value(in: 1...UInt64.max),
        Gen.bool,
        zip(Gen.element(of: fields).map { $0 ?? "caller" }, Gen.unicodeScalar(in: "\u{0}"..."\u{2FFF}").array(of: 0...12).map { String(String.UnicodeScalarView($0)) })
            .array(of: 0...8)
    ).map { id, numeric, members -> JSONValue in
        .object([JSONMember("call_id", numeric ? .number(String(id)) : .string(String(id)))] + members.map { JSONMember($0.0, .string($0.1)) })
    }

    static func body(_ data: JSONValue, encrypt: Bool) throws -> [UInt8] {
        let text = data.serialized()
        let payload = encrypt ? try ICSOCPushCrypto.encrypt(text, secret: pushSecret) : text
        let dataText = encrypt ? JSONValue.string(payload).serialized() : payload
        return Array(#"{"type":1,"data":\#(dataText),"sign":"\#(ICSOCPushCrypto.sign(dataText: payload, secret: pushSecret))"}"#.utf8)
    }

    static func open(_ body: [UInt8]) -> Result<JSONValue, PushRefusal> {
        Result { () throws(PushRefusal) in try verifier.open(body) }
    }

    @Test func aGenuinePushOpensToItsRecordAndMapsWithItsID() async throws {
        await propertyCheck(count: 300, input: Self.data, Gen.bool) { data, encrypt in
            guard let body = try? Self.body(data, encrypt: encrypt) else { Issue.record("cannot sign"); return }
            #expect(Self.open(body) == .success(data))
            let mapped = ICSOCMapping.mapPush(data, context: MappingContext(account: account, provider: .icsoc))
            #expect(mapped.record.id == data["call_id"]?.stringValue)
        }
    }

    @Test func anyChangedByteIsRefusedOrOpensToTheSameRecord() async throws {
        await propertyCheck(count: 500, input: Self.data, Gen.bool, Gen.double(in: 0..<1), Gen<UInt8>.value(in: 1...255)) { data, encrypt, at, mask in
            guard var body = try? Self.body(data, encrypt: encrypt) else { Issue.record("cannot sign"); return }
            body[Int(at * Double(body.count))] ^= mask
            switch Self.open(body) {
            case .success(let record): #expect(record == data, "a changed body opened to another record")
            case .failure(let refusal): #expect([400, 401].contains(refusal.status) && refusal.code != 0 && !refusal.message.contains(pushSecret))
            }
        }
    }

    @Test func anyBytesAtAllAreARefusal() async throws {
        await propertyCheck(count: 500, input: Gen<UInt8>.value(in: 0...255).array(of: 0...300)) { bytes in
            guard case .failure(let refusal) = Self.open(bytes) else { Issue.record("random bytes opened"); return }
            #expect([400, 401].contains(refusal.status))
        }
    }

    @Test func throughTheHandlerOnlyGenuineRecordsAreStoredAndEveryRefusalIsLogged() async throws {
        let bench = try ReceiverBench()
        let receiver = bench.receiver()
        let acknowledged = Locked<Set<String>>([])
        let refused = Locked(0)
        await propertyCheck(count: 100, input: Self.data, Gen.double(in: 0..<1), Gen<UInt8>.value(in: 1...255)) { data, at, mask in
            guard var body = try? Self.body(data, encrypt: false) else { Issue.record("cannot sign"); return }
            let genuine = body
            body[Int(at * Double(body.count))] ^= mask
            let answer = await receiver.handle(method: "POST", path: "/", body: body)
            if answer.status == 200 {
                #expect(Self.open(body) == Self.open(genuine))
                acknowledged.withLock { _ = $0.insert(data["call_id"]?.stringValue ?? "") }
            } else {
                #expect([400, 401].contains(answer.status), "\(answer)")
                refused.withLock { $0 += 1 }
            }
        }
        let ids = acknowledged.withLock { $0 }
        #expect(try await bench.storedCount() == ids.count)
        for id in ids { #expect(try await bench.stored(id) != nil) }
        // One line a refusal (an acknowledged push with an odd field logs a warning besides).
        #expect(bench.logs.withLock { $0.filter { $0.contains(": refused POST ") }.count } == refused.withLock { $0 })
    }
}
