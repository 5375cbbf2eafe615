/* main.c placeholder for bootstrap of build */
int main(void) { return 0; }
