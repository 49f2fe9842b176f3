namespace TuiChat.Server.Irc;

/// <summary>Where numerics addressed to one client go: a command's replies (<see cref="IrcReplies"/>).</summary>
public interface IIrcNumerics
{
    /// <summary>A numeric to the client: <c>:server NNN nick args...</c>.</summary>
    void Numeric(string code, params string[] args);
}
