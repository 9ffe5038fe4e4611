import AssayKit
import Foundation
import Hummingbird

/// Responses the server sends: JSON (an object written by ``JSONWriter``), HTML pages and text,
/// each with its content type and `Cache-Control: no-store` (answers name a contributor's files).
enum Reply {
    /// A JSON response of `body` (already JSON text).
    static func json(_ status: HTTPResponse.Status, _ body: String, headers extra: HTTPFields = [:]) -> Response {
        respond(status, body + "\n", type: "application/json", extra)
    }

    /// A JSON response of `value`.
    static func json(_ status: HTTPResponse.Status, _ value: JSONValue, headers extra: HTTPFields = [:]) -> Response {
        json(status, render(value), headers: extra)
    }

    /// `{"error": code, "message": message, …more}`: every error the API answers has this shape.
    static func problem(_ status: HTTPResponse.Status, _ code: String, _ message: String, _ more: [(String, JSONValue)] = [],
                        headers extra: HTTPFields = [:]) -> Response {
        json(status, .object([("error", .string(code)), ("message", .string(message))] + more), headers: extra)
    }

    /// An HTML page.
    static func html(_ status: HTTPResponse.Status, _ page: String, headers extra: HTTPFields = [:]) -> Response {
        respond(status, page, type: "text/html; charset=utf-8", extra)
    }

    /// Plain text (or another textual type).
    static func text(_ status: HTTPResponse.Status, _ body: String, type: String = "text/plain; charset=utf-8") -> Response {
        respond(status, body, type: type, [:])
    }

    /// A `303 See Other` to `location` (after a form post).
    static func seeOther(_ location: String, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }

    /// `value` as compact JSON text.
    static func render(_ value: JSONValue) -> String {
        var writer = JSONWriter()
        writer.value(value)
        return writer.string
    }

    /// `text` as a JSON string literal (quotes included).
    static func quoted(_ text: String) -> String {
        var writer = JSONWriter()
        writer.string(text)
        return writer.string
    }

    private static func respond(_ status: HTTPResponse.Status, _ body: String, type: String, _ extra: HTTPFields) -> Response {
        var headers = extra
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
