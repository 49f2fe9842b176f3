using TuiChat.Protocol;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.Connection;

/// <summary>The frame types that are events for the view-model, decoded.</summary>
internal static class ServerEvents
{
    /// <summary>The event in <paramref name="payload"/>, or null for a type that is no event.</summary>
    public static ServerEvent? Decode(string type, ReadOnlySpan<byte> payload) => type switch
    {
        MessageTypes.Message => MessageCodec.Decode<ChatMessage>(payload),
        MessageTypes.Joined => MessageCodec.Decode<JoinedEvent>(payload),
        MessageTypes.Left => MessageCodec.Decode<LeftEvent>(payload),
        MessageTypes.Invited => MessageCodec.Decode<InvitedEvent>(payload),
        MessageTypes.Topic => MessageCodec.Decode<TopicEvent>(payload),
        MessageTypes.Presence => MessageCodec.Decode<PresenceEvent>(payload),
        MessageTypes.Shutdown => MessageCodec.Decode<ShutdownEvent>(payload),
        MessageTypes.File => MessageCodec.Decode<FileEvent>(payload),
        MessageTypes.Away => MessageCodec.Decode<AwayEvent>(payload),
        MessageTypes.Read => MessageCodec.Decode<ReadEvent>(payload),
        _ => null,
    };
}
