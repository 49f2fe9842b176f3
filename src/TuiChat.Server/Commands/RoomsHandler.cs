using TuiChat.Protocol.Messages;

namespace TuiChat.Server.Commands;

/// <summary><c>rooms</c>: public rooms and the caller's own groups.</summary>
public sealed class RoomsHandler : CommandHandler<RoomsRequest>
{
    protected override CommandResult Handle(CommandContext context, RoomsRequest request) =>
        CommandResult.Done(new RoomsOk { Re = context.Re, Rooms = context.Services.State.ListRooms(context.User) });
}
