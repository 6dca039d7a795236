// The commands that mount or run containers enter a user namespace first when not run as root.
#pragma once

namespace manifold::cli {

/// Call first in the callback of a command that mounts snapshots or runs containers. As root:
/// returns true. Otherwise (executor::EnterUserNamespace) true in the child, which continues the
/// command as root of a user namespace; false in the parent once the child has ended (with
/// `*exit_code` set to its status) or when the namespace could not be made (the error printed,
/// `*exit_code` = 1): the callback then returns at once.
bool ContinueAsRoot(int* exit_code);

}  // namespace manifold::cli
