import CallScopeKit
import CallScopeReceiver
import Crypto
import CryptoExtras
import Foundation

let secret = "sandbox-push-secret"
let verifier = PushVerifier(secret: secret)
let context = MappingContext(account: "ic", provider: .icsoc)

/// The push receiver's parse, verify, decrypt and map path. The first byte picks what the rest is:
/// 0: a whole body as it came over HTTP (the signature will not verify: parsing and refusals);
/// 1: the `data` of a body signed with the secret (verification passes: the record's checks and mapping);
/// 2: the plain text of an encrypted `data`, encrypted and signed here (decryption and what follows).
/// Any input is a record or a refusal; a record maps with an id and every number within bounds.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPush(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let rest = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let body: [UInt8]
    switch data[0] % 3 {
    case 0: body = rest
    case 1: body = signedBody(dataText: rest, sign: rest)
    default:
        let cipher = Array(encrypt(rest).base64EncodedString().utf8)
        body = signedBody(dataText: [UInt8(ascii: "\"")] + cipher + [UInt8(ascii: "\"")], sign: cipher)
    }
    guard let record = try? verifier.open(body) else { return 0 }
    let mapped = ICSOCMapping.mapPush(record, context: context)
    if mapped.record.id.isEmpty { fatalError("a verified push mapped to a call without an id") }
    // What the receiver commits: every number within bounds (a poison `end_time` of 1e300 or a
    // `link_secs` of 9e18 is nil), so the store's conversions cannot trap on it.
    if let field = CallBounds.fieldOutOfBounds(in: mapped.record) { fatalError("\(field) out of bounds in \(mapped.record)") }
    return 0
}

func signedBody(dataText: [UInt8], sign signed: [UInt8]) -> [UInt8] {
    let digest = Insecure.MD5.hash(data: signed + Array(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    return Array(#"{"data":"#.utf8) + dataText + Array(#","sign":"\#(digest)"}"#.utf8)
}

func encrypt(_ plain: [UInt8]) -> Data {
    let key = Array(secret.utf8.prefix(32)) + [UInt8](repeating: 0, count: max(0, 32 - secret.utf8.count))
    let iv = Array(secret.utf8.prefix(16)) + [UInt8](repeating: 0, count: max(0, 16 - secret.utf8.count))
    // swiftlint:disable:next force_try
    return try! AES._CFB.encrypt(plain, using: SymmetricKey(data: key), iv: AES._CFB.IV(ivBytes: iv))
}
