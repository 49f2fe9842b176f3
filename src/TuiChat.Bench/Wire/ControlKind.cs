namespace TuiChat.Bench.Wire;

/// <summary>What a non-marker frame or line means to a bench client.</summary>
internal enum ControlKind
{
    /// <summary>Nothing the bench acts on (presence, joins, NAMES lines, MOTD...).</summary>
    Other,
    LoggedIn,
    LoginFailed,
    Joined,
    JoinFailed,
    /// <summary>The server asks for a pong.</summary>
    Ping,
    /// <summary>An error the server sent outside the handshake (counted, not fatal).</summary>
    Error,
}
