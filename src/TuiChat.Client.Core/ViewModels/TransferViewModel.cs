using TuiChat.Client.Core.Connection;

namespace TuiChat.Client.Core.ViewModels;

public enum TransferState
{
    Running,
    Done,
    Failed,
}

/// <summary>An upload or download in progress, for a progress display.</summary>
public sealed class TransferViewModel : ObservableObject
{
    private TransferProgress _progress;
    private TransferState _state = TransferState.Running;
    private string? _error;

    internal TransferViewModel(string name, bool isUpload, long total)
    {
        Name = name;
        IsUpload = isUpload;
        _progress = new TransferProgress(0, total);
    }

    public string Name { get; }
    public bool IsUpload { get; }

    public TransferProgress Progress
    {
        get => _progress;
        internal set
        {
            if (SetProperty(ref _progress, value))
            {
                OnPropertyChanged(nameof(Display));
            }
        }
    }

    public TransferState State
    {
        get => _state;
        internal set
        {
            if (SetProperty(ref _state, value))
            {
                OnPropertyChanged(nameof(Display));
            }
        }
    }

    public string? Error
    {
        get => _error;
        internal set => SetProperty(ref _error, value);
    }

    /// <summary>"uploading report.pdf 45%".</summary>
    public string Display => (IsUpload ? "uploading " : "downloading ") + Name + " " + Progress.Percent + "%";
}
