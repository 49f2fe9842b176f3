namespace TuiChat.Server.Irc;

/// <summary>
/// Where numerics addressed to one client go: a command's replies (<see cref="IrcReplies"/>), or the
/// lines an event is encoded into for that client (<see cref="IrcEncoder"/>).
/// </summary>
public interface IIrcNumerics
{
    /// <summary>A numeric to the client: <c>:server NNN nick args...</c>.</summary>
    void Numeric(string code, params string[] args);
}
