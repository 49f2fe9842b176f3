namespace TuiChat.Protocol;

/// <summary>
/// A frame broke the framing rules of PROTOCOL.md section 1. The peer gets
/// <c>error{code:"bad_frame"}</c> and the connection is closed.
/// </summary>
public sealed class ProtocolViolationException : Exception
{
    public ProtocolViolationException(string message) : base(message) { }
    public ProtocolViolationException(string message, Exception inner) : base(message, inner) { }
}
