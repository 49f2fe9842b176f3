using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary>The reply shared by <c>join</c> and <c>create</c>.</summary>
internal static class RoomReplies
{
    public static RoomOk From(CommandContext context, RoomView view) =>
        new() { Re = context.Re, Room = view.Room, Topic = view.Topic, Private = view.Private, Members = view.Members };
}
