import AsyncHTTPClient
import Crypto
import CryptoExtras
import Foundation
import Hummingbird
import Logging
import Synchronization
import Testing
@testable import CallScopeSandbox

@Suite("ICSOC push") struct ICSOCPushTests {
    // Known-answer vectors computed independently with Python's hashlib and `cryptography`
    // (AES-256-CFB128, key = secret NUL-padded to 32 bytes, iv = its first 16 bytes).
    let secret = "sandbox-push-secret"
    let data = #"{"call_id":"6811535818021285888","called_areaname":"\u6cb3\u5357 \u4fe1\u9633","record_file":"https:\/\/x.cn\/a.mp3"}"#

    @Test func signatureMatchesAnIndependentMD5() {
        #expect(ICSOCPushCrypto.sign(dataText: data, secret: secret) == "1acfbc6e512d7eb452fb64ab7107f32b")
    }

    @Test func encryptionMatchesAnIndependentAES256CFB() throws {
        let cipher = try ICSOCPushCrypto.encrypt(data, secret: secret)
        #expect(cipher == "LImsOqgkHlJNe2oWZ+6SveL78bXAM2RhKW7nYrL7rswAKqB66FruFEb2BqQvPuWsumNWwk6fbVqd8N2nS7UKqBVpxqvFXjipQ3LSMWMuat/az37ht7j1fJ34Gfm9WmGM6tkRIiIEVl1gM7fjIZGgLGT7fpaU")
        #expect(ICSOCPushCrypto.sign(dataText: cipher, secret: secret) == "b5ca5a5fb32e83e43786b12090d4e5fc")
        // a secret longer than 32 bytes is cut
        #expect(try ICSOCPushCrypto.encrypt("hello push", secret: "0123456789abcdef0123456789abcdefEXTRA") == "kFn2DLMsq+1S9w==")
    }

    @Test func pushBodiesArePHPEncodedAndSigned() async throws {
        try await withSandbox { sandbox, _ in
            for push in try sandbox.icsocPushes(count: 20, encrypt: false) {
                #expect(push.body.unicodeScalars.allSatisfy { $0.isASCII })
                #expect(push.body.hasPrefix(#"{"type":1,"data":{"#))
                // the signed text is the raw text of `data` in the body
                let start = push.body.range(of: #""data":"#)!.upperBound
                let end = push.body.range(of: #","sign":""#)!.lowerBound
                let dataText = String(push.body[start..<end])
                let object = try JSONSerialization.jsonObject(with: Data(push.body.utf8)) as! [String: Any]
                #expect(object["sign"] as? String == md5Hex(dataText + secret))
                let record = object["data"] as! [String: Any]
                #expect(record["call_id"] as? String == push.callID)
                #expect(record["start_time"] is String && record["all_secs"] is String)
            }
            let answered = try sandbox.icsocPushes(count: 30, encrypt: false).first { $0.body.contains("record_file\":\"http") }!
            #expect(answered.body.contains(#"http:\/\/127.0.0.1"#))
            #expect(try sandbox.icsocPushes(count: 30, encrypt: false).contains { $0.body.contains(#"\u"#) })
        }
    }

    @Test func encryptedPushesDecryptToTheSameRecord() async throws {
        try await withSandbox { sandbox, _ in
            let plain = try sandbox.icsocPushes(count: 3, encrypt: false)
            let encrypted = try sandbox.icsocPushes(count: 3, encrypt: true)
            for (p, c) in zip(plain, encrypted) {
                let object = try JSONSerialization.jsonObject(with: Data(c.body.utf8)) as! [String: Any]
                let cipher = object["data"] as! String
                #expect(object["sign"] as? String == md5Hex(cipher + secret))
                let plainData = (try JSONSerialization.jsonObject(with: Data(p.body.utf8)) as! [String: Any])["data"] as! [String: Any]
                #expect(try JSONSerialization.jsonObject(with: Data(decryptCFB(cipher).utf8)) as! NSDictionary == plainData as NSDictionary)
            }
        }
    }

    @Test func emitterRetriesUntilCodeZero() async throws {
        let received = Mutex<[String]>([])
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            var request = request
            let body = String(buffer: try await request.collectBody(upTo: 1 << 20))
            let n = received.withLock { $0.append(body); return $0.count }
            // refuse twice (a 500, then a wrong code), then acknowledge
            let reply = n == 1 ? #"oops"# : n == 2 ? #"{"code":1}"# : #"{"code":0}"#
            return Response(status: n == 1 ? .internalServerError : .ok, body: .init(byteBuffer: .init(string: reply)))
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { continuation.yield($0.localAddress!.port!) },
                              logger: Logger(label: "test-receiver") { _ in SwiftLogNoOpLogHandler() })
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { server.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next()!
        try await withSandbox { sandbox, _ in
            let push = try sandbox.icsocPushes(count: 1, encrypt: true)[0]
            let started = ContinuousClock.now
            let delivery = await ICSOCPushEmitter(clockScale: 0.002).deliver(push, to: "http://127.0.0.1:\(port)/hook")
            #expect(delivery.delivered && delivery.attempts == 3)
            #expect(received.withLock { $0 } == [push.body, push.body, push.body])
            // waited 15 s + 15 s, scaled by 0.002: 60 ms
            #expect(ContinuousClock.now - started >= .milliseconds(60))
        }
    }

    @Test func emitterGivesUpAfterTheSchedule() async throws {
        try await withSandbox { sandbox, _ in
            let push = try sandbox.icsocPushes(count: 1, encrypt: false)[0]
            // nothing listens on port 9 of loopback (the client retries a refused connection until its timeout)
            let emitter = ICSOCPushEmitter(clockScale: 0.00001, timeout: .milliseconds(100))
            let delivery = await emitter.deliver(push, to: "http://127.0.0.1:9/")
            #expect(!delivery.delivered && delivery.attempts == 10 && delivery.lastFailure != nil)
        }
    }

    private func md5Hex(_ text: String) -> String {
        Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Decrypts with CryptoExtras; its encryption is pinned by the independent vector above.
    private func decryptCFB(_ base64: String) throws -> String {
        let plain = try AES._CFB.decrypt(Data(base64Encoded: base64)!, using: ICSOCPushCrypto.key(secret), iv: ICSOCPushCrypto.iv(secret))
        return String(decoding: plain, as: UTF8.self)
    }
}
