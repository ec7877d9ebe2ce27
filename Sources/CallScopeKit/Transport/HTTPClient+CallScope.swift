import AsyncHTTPClient

extension HTTPClient {
    /// The client of every provider request and recording download. A connection that cannot be
    /// made fails at once: by default AsyncHTTPClient tries again until the request's deadline
    /// (30 s an attempt, 2½ minutes over `HTTPTransport`'s five attempts before a user hears that
    /// a provider is down), and `HTTPTransport` already retries with backoff.
    public static let callscope: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}
