/**
 * Generation, storage, import, rotation and deletion of IVS playback key pairs. (Work in progress: see issue 5.)
 */
package dev.ivsplayback.keys;
