using TuiChat.Server.Storage;

namespace TuiChat.Server.Chat;

/// <summary>Hands a registered user, at login, the direct messages and files kept for it while it was offline.</summary>
public static class OfflineDelivery
{
    public static void Deliver(IChatStore store, ChatUser user)
    {
        if (!user.Registered)
        {
            return;
        }
        AfterLock after = AfterLock.Enter();
        try
        {
            foreach (StoredMessage message in store.TakeOfflineMessages(user.Name))
            {
                after.Send(user.Link, StoredMessages.ToEvent(message, offline: true));
            }
            foreach (FileRecord file in store.TakeOfflineFiles(user.Name))
            {
                after.Send(user.Link, new FileOffered(file, offline: true));
            }
        }
        finally
        {
            after.Leave();
        }
    }
}
