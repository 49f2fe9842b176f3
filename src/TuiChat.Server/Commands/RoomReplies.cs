using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary>The reply shared by <c>join</c> and <c>create</c>.</summary>
internal static class RoomReplies
{
    public static RoomOk From(ReplyBuffer reply, RoomView view) =>
        new() { Re = reply.OkRe, Room = view.Room, Topic = view.Topic, Private = view.Private, Members = view.Members };
}
