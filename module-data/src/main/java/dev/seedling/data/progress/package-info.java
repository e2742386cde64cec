/**
 * Progress of long work (tokenising a corpus): a bar redrawn on the terminal when there is a console, SLF4J info
 * lines otherwise. Nothing here decides what work is done.
 */
package dev.seedling.data.progress;
