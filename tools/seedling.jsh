// jshell startup for Seedling (used by `./seedling jshell`): the public API packages.
import dev.seedling.*;
import dev.seedling.tensor.*;
import dev.seedling.autograd.*;
import dev.seedling.backend.Backends;
