/// A call's recording as the sandbox serves it: a valid WAV file (8 kHz, 16-bit, mono PCM) of a
/// tone whose pitch follows the call, so each call has its own bytes. Any byte range is computed
/// on demand, so a long recording never sits in memory and a `Range` request costs what it asks for.
struct RecordingAudio: Sendable, Equatable {
    let seconds: Int
    /// The tone's period in samples (a triangle wave).
    let period: Int

    static let sampleRate = 8000
    static let headerSize = 44
    static let contentType = "audio/wav"

    /// The recording of `call`: as long as its talk, cut to `limit` seconds (at least one).
    init(call: SimCall, limit: Int) {
        seconds = max(1, min(call.talkSeconds, limit))
        period = 10 + Int(call.salt % 40)
    }

    var dataSize: Int { seconds * Self.sampleRate * 2 }
    var length: Int { Self.headerSize + dataSize }

    /// The bytes at `range` (within `0..<length`).
    func bytes(_ range: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        let header = range.lowerBound < Self.headerSize ? self.header : []
        for offset in range {
            if offset < Self.headerSize {
                out.append(header[offset])
            } else {
                let index = offset - Self.headerSize
                let sample = self.sample(index / 2)
                out.append(index % 2 == 0 ? UInt8(truncatingIfNeeded: sample) : UInt8(truncatingIfNeeded: sample >> 8))
            }
        }
        return out
    }

    private func sample(_ n: Int) -> Int16 {
        let phase = n % period
        let half = period / 2
        let rising = phase < half ? phase : period - phase
        return Int16(rising * 12_000 / max(1, half) - 6000)
    }

    /// The RIFF/WAVE header: `fmt ` (PCM, mono, 8 kHz, 16 bits) and the `data` chunk's size.
    private var header: [UInt8] {
        func le32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
        func le16(_ v: Int) -> [UInt8] { (0..<2).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
        let rate = Self.sampleRate
        return Array("RIFF".utf8) + le32(length - 8) + Array("WAVE".utf8)
            + Array("fmt ".utf8) + le32(16) + le16(1) + le16(1) + le32(rate) + le32(rate * 2) + le16(2) + le16(16)
            + Array("data".utf8) + le32(dataSize)
    }
}
