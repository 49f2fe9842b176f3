using System.Collections.ObjectModel;
using TuiChat.Client.Core.Connection;
using TuiChat.Client.Core.Files;
using TuiChat.Protocol.Messages;

namespace TuiChat.Client.Core.ViewModels;

/// <summary>Sending and saving files, each shown in <see cref="Transfers"/> while it runs.</summary>
internal sealed class TransferTracker(ChatContext context)
{
    /// <summary>Uploads and downloads in progress.</summary>
    public ObservableCollection<TransferViewModel> Transfers { get; } = [];

    /// <summary>Raised on the UI thread whenever a transfer starts, moves or ends.</summary>
    public event EventHandler? Changed;

    /// <summary>The newest file offered in <paramref name="conversation"/> (what <c>/save</c> and F5 save).</summary>
    public static FileOffer NewestOfferIn(ConversationViewModel conversation)
    {
        for (int i = conversation.Lines.Count - 1; i >= 0; i--)
        {
            if (conversation.Lines[i].File is { } file)
            {
                return file;
            }
        }
        throw new ArgumentException("no file has been offered in this conversation");
    }

    /// <summary>Uploads the file at <paramref name="path"/> to a room, group or user ("@bob" or "bob").</summary>
    public async Task<FileEvent> SendFileAsync(string target, string path)
    {
        string fullPath = Path.GetFullPath(ExpandHome(path.Trim().Trim('"')));
        var info = new FileInfo(fullPath);
        if (!info.Exists)
        {
            throw Directory.Exists(fullPath)
                ? new ArgumentException($"{path} is a folder: /file sends one file (pack a folder into an archive first)")
                : new FileNotFoundException($"no such file: {path}", fullPath);
        }
        if (await context.DirectEncryption.SendSealedFileAsync(NameForms.StripAt(target), info, this).ConfigureAwait(false) is { } sealedFile)
        {
            return sealedFile;
        }
        var transfer = new TransferViewModel(info.Name, isUpload: true, info.Length);
        return await TrackAsync(transfer,
            progress => context.Requests.UploadFileAsync(NameForms.StripAt(target), fullPath, progress)).ConfigureAwait(false);
    }

    /// <summary>
    /// Downloads a file into the downloads folder, checks its SHA-256 and returns the saved path.
    /// <paramref name="name"/> overrides the default name but is still kept inside the folder.
    /// </summary>
    public async Task<string> SaveFileAsync(string fileId, string? name = null)
    {
        if (await context.DirectEncryption.SaveSealedFileAsync(fileId, name, this).ConfigureAwait(false) is { } decrypted)
        {
            return decrypted;
        }
        FileOffer? offer = context.FileOffers.GetValueOrDefault(fileId);
        var transfer = new TransferViewModel(offer?.Name ?? fileId, isUpload: false, offer?.Size ?? 0);
        var downloader = new FileDownloader(context.Requests, context.Settings.DownloadsFolder);
        string saved = await TrackAsync(transfer,
            progress => downloader.DownloadAsync(fileId, offer, name, progress)).ConfigureAwait(false);
        context.Notice($"saved {fileId} to {saved}");
        return saved;
    }

    /// <summary>Shows <paramref name="transfer"/> while <paramref name="work"/> runs, then removes it.</summary>
    public async Task<T> TrackAsync<T>(TransferViewModel transfer, Func<IProgress<TransferProgress>, Task<T>> work)
    {
        context.Post(() =>
        {
            Transfers.Add(transfer);
            Changed?.Invoke(this, EventArgs.Empty);
        });
        var progress = new DispatchedProgress<TransferProgress>(context.Dispatcher, p =>
        {
            transfer.Progress = p;
            Changed?.Invoke(this, EventArgs.Empty);
        });
        try
        {
            T result = await work(progress).ConfigureAwait(false);
            context.Post(() => transfer.State = TransferState.Done);
            return result;
        }
        catch (Exception e)
        {
            context.Post(() =>
            {
                transfer.State = TransferState.Failed;
                transfer.Error = e.Message;
            });
            throw;
        }
        finally
        {
            context.Post(() =>
            {
                Transfers.Remove(transfer);
                Changed?.Invoke(this, EventArgs.Empty);
            });
        }
    }

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile, Environment.SpecialFolderOption.DoNotVerify) + path[1..]
            : path;
}
