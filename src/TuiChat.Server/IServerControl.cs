namespace TuiChat.Server;

/// <summary>What an admin command may ask of the server as a whole.</summary>
public interface IServerControl
{
    /// <summary>Starts a graceful shutdown (it completes in the background; the caller does not wait).</summary>
    void RequestShutdown(string by, string reason);
}
