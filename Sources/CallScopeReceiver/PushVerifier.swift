import CallScopeKit
import Crypto
import CryptoExtras
import Foundation

/// Why a push was refused: the HTTP status, the non-zero `code` and a message for the sender.
/// Messages never hold the secret or the body.
public struct PushRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public let status: Int
    public let code: Int
    public let message: String

    public var description: String { "\(status) code \(code): \(message)" }

    static func badRequest(_ code: Int, _ message: String) -> PushRefusal { PushRefusal(status: 400, code: code, message: message) }
    static let tooLarge = PushRefusal(status: 413, code: 413, message: "body over 1 MiB")
    static let badSignature = PushRefusal(status: 401, code: 401, message: "bad signature")
    static let unacceptableCallID = PushRefusal(status: 400, code: 1005, message: "data.call_id is empty or holds control characters")
}

/// Verifies and opens one ICSOC CDR push (the spec's receiver section; FACTS.md):
/// `sign` = lowercase hex md5(text of `data` + secret), where the text is the raw JSON of `data`
/// in the body, or the string itself when `data` is a string (encrypted); a body whose raw text
/// does not verify is tried against PHP-style `json_encode` of the parsed `data`.
/// An encrypted `data` is base64 of AES-256-CFB (128-bit feedback), key = the secret NUL-padded
/// or cut to 32 bytes, IV = its first 16 bytes NUL-padded.
public struct PushVerifier: Sendable {
    public static let maximumBodyBytes = 1 << 20
    let secret: [UInt8]

    public init(secret: String) {
        self.secret = Array(secret.utf8)
    }

    /// The push's record (the `data` object, decrypted when it was a string), or why not.
    public func open(_ body: [UInt8]) throws(PushRefusal) -> JSONValue {
        guard body.count <= Self.maximumBodyBytes else { throw .tooLarge }
        let parsed: JSONValue
        do { parsed = try JSONParser.parse(body) } catch { throw .badRequest(1001, "body is not JSON (\(error))") }
        guard case .object = parsed else { throw .badRequest(1001, "body is not a JSON object") }
        guard let sign = parsed["sign"]?.stringValue, !sign.isEmpty else { throw .badRequest(1002, "missing field: sign") }
        guard let data = parsed["data"], !data.isAbsent else { throw .badRequest(1002, "missing field: data") }

        let record: JSONValue
        switch data {
        case .string(let cipher):
            guard verifies(Array(cipher.utf8), sign) else { throw .badSignature }
            record = try decrypt(cipher)
        case .object:
            let raw = PushText.memberValueSpan(body, key: "data").map { Array(body[$0]) }
            guard raw.map({ verifies($0, sign) }) == true || verifies(Array(PushText.phpJSONEncode(data).utf8), sign) else {
                throw .badSignature
            }
            record = data
        default:
            throw .badRequest(1003, "data is neither an object nor an encrypted string")
        }
        guard case .object = record else { throw .badRequest(1003, "data is not a JSON object") }
        guard let callID = record["call_id"], let id = callID.stringValue ?? (callID.intValue.map(String.init)),
              !id.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .badRequest(1002, "missing field: data.call_id")
        }
        return record
    }

    /// md5(text + secret) in lowercase hex, compared in constant time.
    func verifies(_ text: [UInt8], _ sign: String) -> Bool {
        let expected = Self.md5Hex(text + secret)
        let given = Array(sign.lowercased().utf8)
        guard given.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(given, expected) { difference |= a ^ b }
        return difference == 0
    }

    static func md5Hex(_ bytes: [UInt8]) -> [UInt8] {
        let hex = Array("0123456789abcdef".utf8)
        return Insecure.MD5.hash(data: bytes).flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 0x0F)]] }
    }

    func decrypt(_ base64: String) throws(PushRefusal) -> JSONValue {
        guard let cipher = Data(base64Encoded: base64) else { throw .badRequest(1004, "data is not base64") }
        let plain: Data
        do {
            let key = SymmetricKey(data: Self.padded(secret, to: 32))
            plain = try AES._CFB.decrypt(cipher, using: key, iv: AES._CFB.IV(ivBytes: Self.padded(secret, to: 16)))
        } catch {
            throw .badRequest(1004, "data does not decrypt")
        }
        do { return try JSONParser.parse(Array(plain)) } catch {
            throw .badRequest(1004, "decrypted data is not JSON (is encryption set up with the same secret?)")
        }
    }

    static func padded(_ bytes: [UInt8], to length: Int) -> [UInt8] {
        let cut = Array(bytes.prefix(length))
        return cut + [UInt8](repeating: 0, count: length - cut.count)
    }
}
