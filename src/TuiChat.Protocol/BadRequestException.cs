namespace TuiChat.Protocol;

/// <summary>
/// A well-formed frame that is not a valid request: unknown type, missing or mistyped fields.
/// The peer gets <c>error{code:"bad_request"}</c> and the connection stays open.
/// </summary>
public sealed class BadRequestException : Exception
{
    public BadRequestException(string message) : base(message) { }
    public BadRequestException(string message, Exception inner) : base(message, inner) { }
}
