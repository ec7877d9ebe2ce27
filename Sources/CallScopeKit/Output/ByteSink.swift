#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where formatted output goes.
public protocol ByteSink {
    mutating func write(_ bytes: [UInt8]) throws
}

/// Keeps everything written, for tests and small outputs.
public struct MemorySink: ByteSink, Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func write(_ bytes: [UInt8]) throws {
        self.bytes.append(contentsOf: bytes)
    }

    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// A failed write to a file descriptor.
public enum OutputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The reader went away (EPIPE, e.g. `callscope calls | head`): stop quietly. Seen only when
    /// SIGPIPE is ignored; otherwise the signal ends the process, as for any Unix filter.
    case closed
    case failed(errno: Int32, message: String)

    public var description: String {
        switch self {
        case .closed: return "output closed by the reader"
        case .failed(let code, let message): return "cannot write output: \(message) (errno \(code))"
        }
    }
}

/// Writes straight to a file descriptor (standard output by default) with `write(2)`.
public struct FileDescriptorSink: ByteSink, Sendable {
    public let fileDescriptor: Int32

    public init(fileDescriptor: Int32 = 1) {
        self.fileDescriptor = fileDescriptor
    }

    public static let standardOutput = FileDescriptorSink(fileDescriptor: 1)

    public mutating func write(_ bytes: [UInt8]) throws {
        let descriptor = fileDescriptor
        // (A typed-throws closure here crashes the 6.3 compiler: the loop reports errno instead.)
        let failure: Int32 = bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written >= 0 {
                    offset += written
                    continue
                }
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK {
                    // A non-blocking descriptor that is full: wait until it takes more.
                    var waiting = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&waiting, 1, -1)
                    continue
                }
                return code
            }
            return 0
        }
        if failure == EPIPE { throw OutputError.closed }
        if failure != 0 { throw OutputError.failed(errno: failure, message: String(cString: strerror(failure))) }
    }
}

private func systemWrite(_ descriptor: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
        return Glibc.write(descriptor, pointer, count)
    #elseif canImport(Musl)
        return Musl.write(descriptor, pointer, count)
    #else
        return Darwin.write(descriptor, pointer, count)
    #endif
}
