using TuiChat.Protocol.Messages;
using TuiChat.Server.Chat;

namespace TuiChat.Server.Commands;

/// <summary><c>rooms</c>: public rooms and the caller's own groups; for an account also its conversations' read state, counted now.</summary>
public sealed class RoomsHandler(IRooms rooms, IPeople people, ReadState readState) : CommandHandler<RoomsRequest>
{
    protected override void Handle(CommandContext context, RoomsRequest request) =>
        context.Reply.Ok(new RoomsOk
        {
            Re = context.Reply.OkRe,
            Rooms = [.. rooms.ListRooms(context.User).Select(r => new RoomInfo { Room = r.Room, Members = r.Members, Private = r.Private, Topic = r.Topic })],
            Conversations = ConversationReplies.ForAccount(people, readState, context.User, withGeneral: false),
        });
}
