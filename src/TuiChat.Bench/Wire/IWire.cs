namespace TuiChat.Bench.Wire;

/// <summary>The protocol-specific part of a bench client: TuiChat frames or IRC lines.</summary>
internal interface IWire
{
    string Name { get; }

    /// <summary>True when a room message is also delivered back to its sender.</summary>
    bool EchoesToSender { get; }

    /// <summary>See <see cref="TuiChatScanner.Scan"/> and <see cref="IrcScanner.Scan"/>.</summary>
    int Scan(ReadOnlySpan<byte> data, IReceiveSink sink, out int needed);

    /// <summary>What the client sends right after connecting.</summary>
    byte[] Login(string user);

    byte[] Join(string room);

    /// <summary>The answer to a <see cref="ControlKind.Ping"/> unit.</summary>
    byte[] Pong(ReadOnlySpan<byte> ping);

    ControlKind Classify(ReadOnlySpan<byte> unit);

    /// <summary>A message to <paramref name="room"/> whose text is <paramref name="textBytes"/> long.</summary>
    MessageTemplate Message(string room, int textBytes);
}
