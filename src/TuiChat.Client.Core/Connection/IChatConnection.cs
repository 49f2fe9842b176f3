namespace TuiChat.Client.Core.Connection;

/// <summary>
/// A logged-in session with a TuiChat server that survives dropped connections: the
/// <see cref="IChatRequests"/> a view-model makes and the <see cref="IChatEvents"/> it hears, as
/// one object the program owns and disposes.
/// </summary>
public interface IChatConnection : IChatRequests, IChatEvents, IAsyncDisposable;
