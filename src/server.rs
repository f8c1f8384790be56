//! Native server (in progress)
