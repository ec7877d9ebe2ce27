import Crypto
import CryptoExtras
import Foundation

/// ICSOC's push signature and encryption (FACTS.md, from its sister product's appendix):
/// `sign` = lowercase hex md5(data text + secret), over the encrypted string when encrypted;
/// encryption = base64(AES-256-CFB(json, key = secret NUL-padded or cut to 32 bytes,
/// iv = the secret's first 16 bytes, NUL-padded)), as PHP's openssl does it.
public enum ICSOCPushCrypto {
    public static func sign(dataText: String, secret: String) -> String {
        Insecure.MD5.hash(data: Data((dataText + secret).utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func key(_ secret: String) -> SymmetricKey {
        SymmetricKey(data: padded(secret, to: 32))
    }

    static func iv(_ secret: String) throws -> AES._CFB.IV {
        try AES._CFB.IV(ivBytes: padded(secret, to: 16))
    }

    private static func padded(_ secret: String, to length: Int) -> [UInt8] {
        let bytes = Array(secret.utf8.prefix(length))
        return bytes + [UInt8](repeating: 0, count: length - bytes.count)
    }

    public static func encrypt(_ plaintext: String, secret: String) throws -> String {
        try AES._CFB.encrypt(Data(plaintext.utf8), using: key(secret), iv: iv(secret)).base64EncodedString()
    }
}
