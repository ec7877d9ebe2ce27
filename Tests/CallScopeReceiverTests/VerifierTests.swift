import CallScopeKit
import Foundation
import Testing
@testable import CallScopeReceiver

/// The receiver's own signature check, decryption and scanner, against the known-answer vectors
/// of Tests/CallScopeSandboxTests/ICSOCPushTests.swift (computed with Python's hashlib and `cryptography`).
@Suite("push verification") struct VerifierTests {
    let data = #"{"call_id":"6811535818021285888","called_areaname":"\u6cb3\u5357 \u4fe1\u9633","record_file":"https:\/\/x.cn\/a.mp3"}"#
    let cipher = "LImsOqgkHlJNe2oWZ+6SveL78bXAM2RhKW7nYrL7rswAKqB66FruFEb2BqQvPuWsumNWwk6fbVqd8N2nS7UKqBVpxqvFXjipQ3LSMWMuat/az37ht7j1fJ34Gfm9WmGM6tkRIiIEVl1gM7fjIZGgLGT7fpaU"
    let verifier = PushVerifier(secret: "sandbox-push-secret")

    @Test func knownAnswerSignatureOfRawText() throws {
        let body = #"{"type":1,"data":"# + data + #","sign":"1acfbc6e512d7eb452fb64ab7107f32b","timestamp":"2026-01-01 00:00:00"}"#
        let record = try verifier.open(Array(body.utf8))
        #expect(record["call_id"]?.stringValue == "6811535818021285888")
        #expect(record["called_areaname"]?.stringValue == "河南 信阳")
        // one changed character of the data, or of the sign, is refused
        let forged = body.replacingOccurrences(of: "6811535818021285888", with: "6811535818021285889")
        #expect(throws: PushRefusal.badSignature) { try verifier.open(Array(forged.utf8)) }
        let badSign = body.replacingOccurrences(of: "1acfbc6e", with: "1acfbc6f")
        #expect(throws: PushRefusal.badSignature) { try verifier.open(Array(badSign.utf8)) }
        #expect(throws: PushRefusal.badSignature) { try PushVerifier(secret: "other").open(Array(body.utf8)) }
    }

    @Test func knownAnswerDecryption() throws {
        let body = #"{"type":1,"data":""# + cipher + #"","sign":"b5ca5a5fb32e83e43786b12090d4e5fc","timestamp":"2026-01-01 00:00:00"}"#
        let record = try verifier.open(Array(body.utf8))
        #expect(record == (try JSONParser.parse(data)))
        // a secret over 32 bytes is cut (vector: "hello push" is not JSON, so decrypt directly)
        let long = PushVerifier(secret: "0123456789abcdef0123456789abcdefEXTRA")
        #expect(throws: PushRefusal.self) { try long.decrypt("kFn2DLMsq+1S9w==") }
        #expect(PushVerifier.padded(Array("0123456789abcdef0123456789abcdefEXTRA".utf8), to: 32).count == 32)
        // the sign covers the encrypted string, not the plaintext
        let plaintextSigned = body.replacingOccurrences(of: "b5ca5a5fb32e83e43786b12090d4e5fc", with: "1acfbc6e512d7eb452fb64ab7107f32b")
        #expect(throws: PushRefusal.badSignature) { try verifier.open(Array(plaintextSigned.utf8)) }
    }

    @Test func reformattedDataVerifiesThroughPHPEncoding() throws {
        // the same data re-serialised by a proxy: spaces, raw UTF-8, unescaped slashes
        let pretty = """
            {"type": 1, "sign": "1acfbc6e512d7eb452fb64ab7107f32b",
             "data": { "call_id" : "6811535818021285888", "called_areaname": "河南 信阳", "record_file": "https://x.cn/a.mp3" } }
            """
        #expect(try verifier.open(Array(pretty.utf8))["call_id"]?.stringValue == "6811535818021285888")
        #expect(PushText.phpJSONEncode(try JSONParser.parse(data)) == data)
        #expect(PushText.phpJSONEncode(["e": "😀\n\u{1}\"\\"]) == #"{"e":"\ud83d\ude00\n\u0001\"\\"}"#)
    }

    @Test func scannerFindsTheTopLevelDataMember() {
        func span(_ text: String) -> String? {
            let bytes = Array(text.utf8)
            return PushText.memberValueSpan(bytes, key: "data").map { String(decoding: bytes[$0], as: UTF8.self) }
        }
        #expect(span(#"{"x":{"data":1},"data" : {"a":"}\"{","b":[1,{"c":null}]} ,"sign":"s"}"#) == #"{"a":"}\"{","b":[1,{"c":null}]}"#)
        #expect(span(#"{"d\u0061ta":[1, 2]}"#) == "[1, 2]")
        #expect(span(#"{"data":-1.5e3}"#) == "-1.5e3")
        #expect(span(#"{"sign":"data"}"#) == nil)
        #expect(span(#"["data"]"#) == nil)
    }

    @Test func brokenBodiesAreRefusedWithReasons() throws {
        func refusal(_ text: String) -> PushRefusal? {
            do { _ = try verifier.open(Array(text.utf8)); return nil } catch { return error }
        }
        #expect(refusal(#"{"type":1,"data":{"call_id":"1"#)?.status == 400)
        #expect(refusal("not json")?.status == 400)
        #expect(refusal(#"{"type":1,"data":{"call_id":"1"}}"#)?.message == "missing field: sign")
        #expect(refusal(#"{"type":1,"sign":"x"}"#)?.message == "missing field: data")
        let noID = #"{"caller":"1"}"#
        let sign = String(decoding: PushVerifier.md5Hex(Array((noID + "sandbox-push-secret").utf8)), as: UTF8.self)
        #expect(refusal(#"{"type":1,"data":"# + noID + #","sign":""# + sign + #""}"#)?.message == "missing field: data.call_id")
        #expect(refusal(#"{"data":"!!notbase64","sign":"x"}"#) == .badSignature)
        #expect(refusal(String(repeating: " ", count: (1 << 20) + 1))?.status == 413)
    }
}
