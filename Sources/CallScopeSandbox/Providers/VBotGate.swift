import Foundation
import Hummingbird

/// What both VBot APIs share: the OAuth-style `POST /token` (password and refresh_token grants,
/// tokens that expire), the `{error, message, data}` envelope, and the `vbot_id` /
/// `project_code` / `bot_id` checks. An ASP.NET API: a bad token gets the framework's own 401.
struct VBotGate: Sendable {
    let env: SimulatorEnvironment
    let tokens = TokenStore(prefix: "vbot")

    func register(on router: SandboxRouter) {
        router.post("/vbot/token") { request, _ in try await token(request.formParams()) }
    }

    private func token(_ form: Params) -> Response {
        let credentials = env.options.credentials
        let subject: String
        switch form["grant_type"] {
        case "password":
            guard form["username"] == credentials.vbotUsername, form["password"] == credentials.vbotPassword else {
                return oauthError("invalid_grant", "The user name or password is incorrect.")
            }
            subject = credentials.vbotUsername
        case "refresh_token":
            guard let refresh = form["refresh_token"], let owner = tokens.redeem(refreshToken: refresh) else {
                return oauthError("invalid_grant", "The refresh token is invalid or has been used.")
            }
            subject = owner
        default:
            return oauthError("unsupported_grant_type", nil)
        }
        let issued = tokens.issue(subject: subject, lifetime: env.faults.tokenLifetime(default: env.options.vbotTokenLifetime))
        return Reply.json(.obj([
            "access_token": .string(issued.accessToken), "token_type": "bearer",
            "expires_in": .int(issued.lifetimeSeconds), "refresh_token": .string(issued.refreshToken),
            "userName": .string(subject),
        ]))
    }

    private func oauthError(_ code: String, _ description: String?) -> Response {
        Reply.json(.obj(["error": .string(code), "error_description": .string(description)]), status: .badRequest)
    }

    static func success(_ data: JSONOut) -> Response {
        Reply.json(.obj(["error": 0, "message": "success", "data": data]))
    }

    static func failure(_ code: Int, _ message: String) -> Response {
        Reply.json(.obj(["error": .int(code), "message": .string(message), "data": .null]))
    }

    /// Runs `answer` when the token is good and `vbot_id`, `project_code` (and `bot_id` when
    /// asked) are the account's.
    func guarded(_ request: Request, needsBot: Bool, _ answer: (Params) -> Response) -> Response {
        switch env.authorize(request, with: tokens) {
        case .valid: break
        case .missing, .unknown, .expired:
            return Reply.json(.obj(["Message": "Authorization has been denied for this request."]), status: .unauthorized)
        }
        let p = request.params
        let credentials = env.options.credentials
        var required = ["vbot_id", "project_code"]
        if needsBot { required.append("bot_id") }
        for name in required where p[name] == nil { return Self.failure(-1, "\(name) is required") }
        guard p["vbot_id"] == credentials.vbotID, p["project_code"] == credentials.vbotProjectCode else {
            return Self.failure(403, "Bạn không có quyền truy cập dự án này")
        }
        if needsBot, !credentials.vbotBotIDs.contains(p["bot_id"]!) { return Self.failure(404, "Không tìm thấy bot") }
        return answer(p)
    }

    /// `page`/`size` as VBot reads them: 1-based, `size` silently cut to 100.
    static func paging(_ p: Params) -> (offset: Int, size: Int)? {
        guard case .success(let page) = p.int("page"), case .success(let size) = p.int("size") else { return nil }
        let s = Int(min(100, max(1, size ?? 20)))
        return ((Int(max(1, page ?? 1)) - 1) * s, s)
    }

    /// A date bound in an unstated unit: epoch seconds, or milliseconds when above 10^11.
    static func epochSeconds(_ p: Params, _ name: String) -> Result<Int64?, ParamError> {
        p.int(name).map { $0.map { $0 > 100_000_000_000 ? $0 / 1000 : $0 } }
    }

    /// VBot's disposition words for an outcome (either API), in the case VBot happens to use.
    static func disposition(_ call: SimCall, bot: Bool) -> String {
        let word: String
        switch call.outcome {
        case .answered: word = bot && call.salt % 5 == 0 ? "botivr" : "answer"
        case .noAnswer: word = call.salt % 4 == 0 ? "more" : "noanswer"
        case .cancelled: word = call.salt % 3 == 0 ? "misscall" : "cancel"
        case .busy: word = "busy"
        case .failed: word = ["congestion", "chanunavail", "torture", "invalidargs"][Int(call.salt % 4)]
        }
        return call.salt % 13 == 0 ? word.uppercased() : word
    }
}
