namespace TuiChat.Server.Connections;

/// <summary>
/// Produces frames lazily for an <see cref="Outbox"/>, so a large download is read from disk
/// only as fast as the client takes it. Called only from the queue's writer, one call at a time.
/// </summary>
public interface IFrameSource : IDisposable
{
    /// <summary>The next frame, or null when the source is exhausted.</summary>
    byte[]? NextFrame();
}
